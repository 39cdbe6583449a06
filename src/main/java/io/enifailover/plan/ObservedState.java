package io.enifailover.plan;

import io.enifailover.api.ActiveRole;
import io.enifailover.model.Attachment;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.model.PublicAddress;
import java.util.Optional;

/** Which side carries the interface right now, and its public address: the observed half of status. */
public record ObservedState(
    ActiveRole activeRole,
    Optional<String> activeInstanceId,
    Optional<String> attachmentId,
    Optional<String> publicIp) {

  public static final ObservedState UNKNOWN =
      new ObservedState(ActiveRole.Unknown, Optional.empty(), Optional.empty(), Optional.empty());

  public static ObservedState of(PairIntent intent, Observation observation) {
    if (observation.networkInterface().isEmpty()) {
      return UNKNOWN;
    }
    NetworkInterface eni = observation.networkInterface().get();
    String ip = intent.elasticIp().flatMap(PairIntent.ElasticIp::privateIp).orElse(eni.primaryPrivateIp());
    Optional<String> publicIp =
        Optional.ofNullable(eni.publicAddressByPrivateIp().get(ip)).map(PublicAddress::publicIp);
    Optional<Attachment> attachment = eni.liveAttachment();
    ActiveRole role =
        attachment
            .map(a -> intent.sideOf(a.instanceId()).map(s -> ActiveRole.valueOf(s.name())).orElse(ActiveRole.Unknown))
            .orElse(ActiveRole.None);
    return new ObservedState(
        role, attachment.map(Attachment::instanceId), attachment.map(Attachment::attachmentId), publicIp);
  }
}
