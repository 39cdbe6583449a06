package io.enifailover.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void ipv6IsWrittenAsEc2WritesIt() {
    assertThat(Cidr.canonical("2600:1f18:0abc:0:0:0:0:10/128")).isEqualTo("2600:1f18:abc::10/128");
    assertThat(Cidr.canonical("2001:db8:0:0:1:0:0:1/128")).isEqualTo("2001:db8::1:0:0:1/128");
    assertThat(Cidr.canonical("2001:db8:1:1:1:1:0:1/128")).as("a single zero group stays").isEqualTo("2001:db8:1:1:1:1:0:1/128");
    assertThat(Cidr.canonical("::/0")).isEqualTo("::/0");
    assertThat(Cidr.canonical("2600:1f18::10/128")).isEqualTo("2600:1f18::10/128");
  }

  @Test
  void ipv4AndNonCidrsAreLeftAsTheyAre() {
    assertThat(Cidr.canonical("192.168.100.10/32")).isEqualTo("192.168.100.10/32");
    assertThat(Cidr.canonical("not a cidr")).isEqualTo("not a cidr");
  }
}
