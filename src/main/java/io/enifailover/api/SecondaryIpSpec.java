package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Strategy SecondaryIp: the private IPs reassigned to the active side's interface. A set, like
 * {@link RouteTableSpec}'s lists ({@link SetListType}).
 */
@SchemaCustomizer(value = SetListType.class, input = "privateIpAddresses")
public class SecondaryIpSpec {
  static final int MAX_ADDRESSES = 10;

  @Required
  @Size(min = 1, max = MAX_ADDRESSES)
  @JsonPropertyDescription("The secondary private IPv4 addresses that move to the active side's interface, in the"
      + " subnet of both interfaces; the guest OS of each instance must configure them. 1 to 10")
  private List<@Pattern(IpPatterns.IPV4) String> privateIpAddresses;

  public SecondaryIpSpec() {}

  public SecondaryIpSpec(List<String> privateIpAddresses) {
    this.privateIpAddresses = privateIpAddresses;
  }

  public List<String> getPrivateIpAddresses() {
    return privateIpAddresses;
  }

  public void setPrivateIpAddresses(List<String> privateIpAddresses) {
    this.privateIpAddresses = privateIpAddresses;
  }
}
