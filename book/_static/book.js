// A figure drawn smaller than its picture (the 27 x 27 heatmap on a phone, say) opens
// full size on a tap, where the reader can zoom and scroll it.
window.addEventListener("load", () => {
  for (const img of document.querySelectorAll(".cell_output img")) {
    if (img.closest("a") || img.naturalWidth < 1.3 * img.clientWidth) continue;
    const link = document.createElement("a");
    link.href = img.currentSrc || img.src;
    link.className = "book-figure-full-size";
    link.title = "Open the figure full size";
    img.replaceWith(link);
    link.append(img);
  }
});
