// Material's tooltips (content.tooltips) read an element's `title` and insert it as HTML.
// A title is text (a glossary meaning, a link title, a truncated heading), so it is handed
// to the theme HTML-escaped, and the theme shows it as the text it is. When the theme puts
// the title back after the tooltip, the original text is restored.
(function () {
  "use strict"
  var property = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "title")
  var setAttribute = Element.prototype.setAttribute
  var handedOut = new WeakMap()
  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  }
  Object.defineProperty(HTMLElement.prototype, "title", {
    configurable: true,
    enumerable: property.enumerable,
    get: function () {
      var text = property.get.call(this)
      var safe = escape(text)
      handedOut.set(this, { safe: safe, text: text })
      return safe
    },
    set: function (value) {
      handedOut.delete(this)
      property.set.call(this, value)
    }
  })
  Element.prototype.setAttribute = function (name, value) {
    var given = handedOut.get(this)
    if (given && String(name).toLowerCase() === "title" && String(value) === given.safe)
      value = given.text
    return setAttribute.call(this, name, value)
  }
})()
