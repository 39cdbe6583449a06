package io.enifailover.status;

import java.util.Locale;

/**
 * Where docs/troubleshooting.md explains a reason: what it means, what to check, how to recover, whether the
 * operator retries. A condition's message ends with its entry's address, so that {@code kubectl describe}
 * leads to it in one step.
 */
public final class Troubleshooting {
  /** The page as the project publishes it: one address, whichever copy of the operator wrote the message. */
  public static final String PAGE = "https://github.com/enifailover/eni-failover-operator/blob/main/docs/troubleshooting.md";

  private Troubleshooting() {}

  /** The address of the entry headed {@code heading} (for a reason, its name). */
  public static String entry(String heading) {
    return PAGE + "#" + anchor(heading);
  }

  /** The anchor GitHub gives a heading: lower case, punctuation dropped, each space a hyphen. */
  public static String anchor(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
  }

  /**
   * {@code message}, ending with the address of the entry headed {@code heading}. The address comes last, with
   * nothing after it, so that a terminal that makes it a link takes no trailing punctuation into the anchor.
   */
  static String withEntry(String message, String heading) {
    String see = "see " + entry(heading);
    return message == null || message.isBlank() ? see : message + "; " + see;
  }
}
