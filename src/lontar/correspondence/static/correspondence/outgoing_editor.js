/* A light rich-text editor for letter bodies: a contenteditable area with a few buttons, kept in
   sync with the form's textarea (which stays the source of truth and works without JavaScript).
   The server sanitises whatever arrives (nh3 allow-list), so this only helps people type. */
(function () {
  "use strict";
  var BUTTONS = [
    ["bold", "B", "Tebal"],
    ["italic", "I", "Miring"],
    ["underline", "U", "Garis bawah"],
    ["insertOrderedList", "1.", "Daftar bernomor"],
    ["insertUnorderedList", "•", "Daftar berpoin"],
    ["removeFormat", "×", "Hapus format"]
  ];

  function setUp(textarea) {
    var wrapper = document.createElement("div");
    wrapper.className = "rich-editor border rounded";
    var toolbar = document.createElement("div");
    toolbar.className = "rich-editor-toolbar btn-toolbar gap-1 p-1 border-bottom bg-body-tertiary";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Format teks");
    var area = document.createElement("div");
    area.className = "rich-editor-area p-2";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("data-testid", "rich-editor");
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.id = label.id || textarea.id + "_label";
      area.setAttribute("aria-labelledby", label.id);
    }
    area.innerHTML = textarea.value;
    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary";
      button.textContent = spec[1];
      button.title = spec[2];
      button.setAttribute("aria-label", spec[2]);
      button.addEventListener("click", function () {
        area.focus();
        document.execCommand(spec[0], false, null);
        sync();
      });
      toolbar.appendChild(button);
    });
    function sync() { textarea.value = area.innerHTML; }
    area.addEventListener("input", sync);
    area.addEventListener("blur", sync);
    if (textarea.form) { textarea.form.addEventListener("submit", sync); }
    wrapper.appendChild(toolbar);
    wrapper.appendChild(area);
    textarea.classList.add("d-none");
    textarea.setAttribute("aria-hidden", "true");
    textarea.tabIndex = -1;
    textarea.parentNode.insertBefore(wrapper, textarea);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-editor]").forEach(setUp);
  });
})();
