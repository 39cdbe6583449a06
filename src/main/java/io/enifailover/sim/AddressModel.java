package io.enifailover.sim;

/** An Elastic IP; the association fields are all null while it is not associated. */
record AddressModel(
    String allocationId, String publicIp, String associationId, String eniId, String privateIp) {

  static AddressModel unassociated(String allocationId, String publicIp) {
    return new AddressModel(allocationId, publicIp, null, null, null);
  }

  boolean associated() {
    return associationId != null;
  }

  boolean associatedWith(String eni, String ip) {
    return associated() && eniId.equals(eni) && privateIp.equals(ip);
  }

  AddressModel associate(String newAssociationId, String eni, String ip) {
    return new AddressModel(allocationId, publicIp, newAssociationId, eni, ip);
  }

  AddressModel disassociate() {
    return unassociated(allocationId, publicIp);
  }
}
