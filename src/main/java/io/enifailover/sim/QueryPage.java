package io.enifailover.sim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One page of a paginated describe: {@code MaxResults} items (EC2 allows 5 to 1000) from where
 * {@code NextToken} left off; {@code nextToken} is empty on the last page.
 */
record QueryPage<T>(List<T> items, Optional<String> nextToken) {

  private static final String PREFIX = "offset:";

  static <T> QueryPage<T> of(List<T> all, QueryParams params) {
    int offset = params.get("NextToken").map(QueryPage::offsetOf).orElse(0);
    Optional<String> maxText = params.get("MaxResults");
    if (maxText.isEmpty()) {
      return new QueryPage<>(all.subList(Math.min(offset, all.size()), all.size()), Optional.empty());
    }
    int max = params.requiredInt("MaxResults");
    if (max < 5 || max > 1000) {
      throw Ec2Error.invalidParameterValue(
          "Value ( " + max + " ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
    }
    int end = Math.min(all.size(), offset + max);
    Optional<String> next = end < all.size() ? Optional.of(tokenFor(end)) : Optional.empty();
    return new QueryPage<>(all.subList(Math.min(offset, all.size()), end), next);
  }

  private static String tokenFor(int offset) {
    return Base64.getUrlEncoder().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offsetOf(String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(PREFIX)) {
        return Integer.parseInt(decoded.substring(PREFIX.length()));
      }
    } catch (IllegalArgumentException e) {
      // Falls through to EC2's answer to a token it did not issue.
    }
    throw Ec2Error.client("InvalidPaginationToken", "The specified pagination token is not valid or is expired.");
  }
}
