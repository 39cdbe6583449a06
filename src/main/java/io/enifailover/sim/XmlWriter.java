package io.enifailover.sim;

import java.util.ArrayDeque;
import java.util.Deque;

/** Minimal streaming XML builder with escaping, enough for EC2 Query responses. */
final class XmlWriter {

  private final StringBuilder out = new StringBuilder(1024);
  private final Deque<String> open = new ArrayDeque<>();

  XmlWriter() {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  }

  XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  XmlWriter startRoot(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"").append(escape(namespace)).append("\">");
    open.push(name);
    return this;
  }

  XmlWriter end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** Writes {@code <name>value</name>}; a null value writes nothing, as EC2 omits unset fields. */
  XmlWriter element(String name, Object value) {
    if (value != null) {
      out.append('<').append(name).append('>').append(escape(value.toString()))
          .append("</").append(name).append('>');
    }
    return this;
  }

  String finish() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed elements: " + open);
    }
    return out.toString();
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&apos;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
