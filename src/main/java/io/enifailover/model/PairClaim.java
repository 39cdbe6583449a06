package io.enifailover.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The claim a pair records in its interface's EC2 tags before it changes anything, so that every replica,
 * every informer however late, and every other install of the operator sees which pair manages it.
 * The UID is the identity: a pair deleted and created again under the same name is another pair.
 */
public record PairClaim(String namespace, String name, String uid) {
  public static final String UID_TAG = "enifailover.io/claim-uid";
  public static final String NAMESPACE_TAG = "enifailover.io/claim-namespace";
  public static final String NAME_TAG = "enifailover.io/claim-name";

  /** The claim recorded in {@code tags}, if any. */
  public static Optional<PairClaim> in(Map<String, String> tags) {
    return Optional.ofNullable(tags.get(UID_TAG))
        .filter(uid -> !uid.isBlank())
        .map(uid -> new PairClaim(tags.getOrDefault(NAMESPACE_TAG, ""), tags.getOrDefault(NAME_TAG, ""), uid));
  }

  /** The tags that record this claim. */
  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(UID_TAG, uid);
    tags.put(NAMESPACE_TAG, namespace);
    // EC2 tag values hold 256 characters; the UID decides, the name is there for people.
    tags.put(NAME_TAG, name.length() > 256 ? name.substring(0, 256) : name);
    return tags;
  }

  public String pair() {
    return namespace + "/" + name;
  }
}
