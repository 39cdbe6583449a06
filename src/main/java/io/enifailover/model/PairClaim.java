package io.enifailover.model;

import java.util.Map;
import java.util.Optional;

/**
 * The claim a pair records in its interface's EC2 tags before it changes anything, so that every replica,
 * every informer however late, and every other install of the operator sees which pair manages it.
 * One tag, {@value #TAG} = {@code <uid> <cluster> <namespace>/<name>}, so that writing and removing it
 * (EC2's DeleteTags with the value) are each one atomic change. The UID is the identity: a pair deleted
 * and created again under the same name is another pair. The cluster is the UID of its kube-system
 * namespace (empty when the operator may not read it), so that a claim from another cluster sharing the
 * AWS account is never judged by this cluster's pairs.
 */
public record PairClaim(String namespace, String name, String uid, String cluster) {
  public static final String TAG = "enifailover.io/claim";
  /** EC2 tag values hold at most 256 characters. */
  private static final int MAX_VALUE = 256;

  /** The claim recorded in {@code tags}, if any. */
  public static Optional<PairClaim> in(Map<String, String> tags) {
    String value = tags.get(TAG);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String[] parts = value.split(" ", 3);
    String cluster = parts.length > 1 ? parts[1] : "";
    String pair = parts.length > 2 ? parts[2] : "";
    int slash = pair.indexOf('/');
    return Optional.of(new PairClaim(
        slash < 0 ? "" : pair.substring(0, slash), slash < 0 ? pair : pair.substring(slash + 1), parts[0], cluster.equals("-") ? "" : cluster));
  }

  /** The tag's value; a pair name too long for EC2 is cut, and such a claim is never judged stale. */
  public String value() {
    String value = uid + " " + (cluster.isEmpty() ? "-" : cluster) + " " + pair();
    return value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
  }

  public Map<String, String> tags() {
    return Map.of(TAG, value());
  }

  /** True when the tag holds the whole pair name, so that the pair can be looked up. */
  public boolean complete() {
    return !namespace.isEmpty() && !name.isEmpty() && (uid + " " + cluster + " " + pair()).length() < MAX_VALUE;
  }

  public String pair() {
    return namespace + "/" + name;
  }
}
