package io.enifailover.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process EC2 endpoint speaking the EC2 Query protocol, so an unmodified AWS SDK
 * {@code Ec2Client} (with {@code endpointOverride(endpoint())}) can drive a simulated world of
 * instances, ENIs and Elastic IPs, with timed attach/detach/stop transitions and injectable faults.
 * With {@link SimulatorConfig#withHealthEndpoints}, each instance also answers health probes on its
 * private IP.
 */
public final class Ec2Simulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Ec2Simulator.class);

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
    // client's delayed ACK add ~40 ms to every response, which would swamp what the benchmarks measure.
    // Read once, when the JDK's server configuration class loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }
  private static final int THREADS = 8;

  private final SimulatorConfig config;
  private final SimWorld world;
  private final Faults faults = new Faults();
  private final QueryActions actions;
  private final RequestJournal journal = new RequestJournal();
  private final Ec2Buckets buckets;
  private final ExecutorService executor;
  private final HttpServer server;
  private final Optional<HealthEndpoints> health;

  private Ec2Simulator(SimulatorConfig config) throws IOException {
    this.config = config;
    // Bound first: a port in use fails the start before any health endpoint listens.
    this.server = HttpServer.create(
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), config.port()), 0);
    this.health = config.healthEndpoints() ? Optional.of(new HealthEndpoints(config.healthPort())) : Optional.empty();
    this.world = new SimWorld(config, health.<SimWorld.InstanceObserver>map(endpoints ->
            (instanceId, privateIp, state) -> endpoints.instanceChanged(instanceId, privateIp, state == SimInstanceState.RUNNING))
        .orElse(SimWorld.InstanceObserver.NONE));
    this.buckets = new Ec2Buckets(config.clock());
    this.actions = new QueryActions(world, faults);
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "ec2-simulator-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a simulator with {@link SimulatorConfig#defaults()}. */
  public static Ec2Simulator start() {
    return start(SimulatorConfig.defaults());
  }

  public static Ec2Simulator start(SimulatorConfig config) {
    try {
      Ec2Simulator simulator = new Ec2Simulator(config);
      LOG.debug("EC2 simulator listening on {}", simulator.endpoint());
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the EC2 simulator on port " + config.port(), e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    health.ifPresent(HealthEndpoints::close);
  }

  // ---- world ----

  /** Adds an instance together with its primary ENI, attached at device index 0. */
  public void addInstance(
      String instanceId, String availabilityZone, String vpcId, String subnetId, SimInstanceState state) {
    world.addInstance(instanceId, availabilityZone, vpcId, subnetId, state);
  }

  /** Changes the instance's state; terminating it deletes its primary ENI and detaches the others. */
  public void setInstanceState(String instanceId, SimInstanceState state) {
    direct(() -> world.setInstanceState(instanceId, state));
  }

  /** Changes the instance's type, which sets how many network interfaces it takes (default m5.large: 3). */
  public void setInstanceType(String instanceId, String instanceType) {
    direct(() -> world.setInstanceType(instanceId, instanceType));
  }

  /**
   * Sets what the instance's health endpoint does while the instance runs (SERVING until set);
   * needs {@link SimulatorConfig#withHealthEndpoints}.
   */
  public void setHealth(String instanceId, SimHealth mode) {
    Objects.requireNonNull(mode, "mode");
    HealthEndpoints endpoints = health.orElseThrow(() -> new IllegalStateException(
        "the simulator has no health endpoints: start it with SimulatorConfig.withHealthEndpoints(true)"));
    privateIpOf(instanceId);
    endpoints.setMode(instanceId, mode);
  }

  /** Makes the instance fail (true) or pass (false) EC2's status checks while it runs, as DescribeInstanceStatus reports. */
  public void setImpaired(String instanceId, boolean impaired) {
    direct(() -> world.setImpaired(instanceId, impaired));
  }

  /** The instance's primary private IP: with health endpoints on, a 127.x.y.z address its endpoint listens on. */
  public String privateIpOf(String instanceId) {
    return direct(() -> world.privateIpOf(instanceId));
  }

  /** Terminates the instance and forgets it, so EC2 answers as if it never existed. */
  public void removeInstance(String instanceId) {
    direct(() -> world.removeInstance(instanceId));
  }

  public void addNetworkInterface(String eniId, String availabilityZone, String vpcId, String subnetId,
      String primaryPrivateIp, String... secondaryPrivateIps) {
    world.addNetworkInterface(
        eniId, availabilityZone, vpcId, subnetId, primaryPrivateIp, Arrays.asList(secondaryPrivateIps));
  }

  /** A route table of the VPC, with its {@code local} route for the VPC's CIDR. */
  public void addRouteTable(String routeTableId, String vpcId, String vpcCidr) {
    direct(() -> world.addRouteTable(routeTableId, vpcId, vpcCidr));
  }

  public void addAddress(String allocationId, String publicIp) {
    world.addAddress(allocationId, publicIp);
  }

  /** Every resource added from now on carries these tags (an account whose provisioning tags what it creates). */
  public void tagNewResources(Map<String, String> tags) {
    world.tagNewResources(tags);
  }

  /** Sets a tag on an instance, interface or Elastic IP (by allocation id), as CreateTags does. */
  public void tag(String resourceId, String key, String value) {
    direct(() -> world.createTags(List.of(resourceId), Map.of(key, value)));
  }

  public void untag(String resourceId, String key) {
    direct(() -> world.deleteTags(List.of(resourceId), Map.of(key, Optional.empty())));
  }

  public Map<String, String> tagsOf(String resourceId) {
    return direct(() -> world.tagsOf(resourceId));
  }

  // ---- out-of-band changes: what someone does in the console; immediate, no transition ----

  public void attachOutOfBand(String eniId, String instanceId, int deviceIndex) {
    direct(() -> world.attach(eniId, instanceId, deviceIndex, true, false));
  }

  public void detachOutOfBand(String eniId) {
    direct(() -> world.detachImmediately(eniId));
  }

  /** Points the Elastic IP at the ENI's private address, taking it from wherever it was. */
  public void associateOutOfBand(String allocationId, String eniId, String privateIp) {
    direct(() -> world.associate(allocationId, eniId, privateIp, true));
  }

  public void disassociateOutOfBand(String allocationId) {
    direct(() -> world.disassociateAllocation(allocationId));
  }

  /** Sets a route to an interface or any other target id (igw-..., pcx-...), whatever it was. */
  public void routeOutOfBand(String routeTableId, String destination, String target) {
    direct(() -> world.setRoute(routeTableId, destination, target));
  }

  public void deleteRouteOutOfBand(String routeTableId, String destination) {
    direct(() -> world.deleteRoute(routeTableId, destination));
  }

  /** Moves secondary private IPs to the interface, as AssignPrivateIpAddresses with AllowReassignment does. */
  public void assignPrivateIpsOutOfBand(String eniId, String... privateIps) {
    direct(() -> world.assignPrivateIps(eniId, List.of(privateIps), true));
  }

  public void setSourceDestCheck(String eniId, boolean enabled) {
    direct(() -> world.setSourceDestCheck(eniId, enabled));
  }

  /** Deletes an interface attached nowhere: routes to it become blackholes. */
  public void deleteNetworkInterface(String eniId) {
    direct(() -> world.deleteNetworkInterface(eniId));
  }

  // ---- inspection ----

  /** Where the table sends {@code destination}: an interface id, another target, or empty when it has no route. */
  public Optional<String> routeTargetOf(String routeTableId, String destination) {
    return direct(() -> world.routeTarget(routeTableId, destination));
  }

  public List<String> privateIpsOf(String eniId) {
    return direct(() -> world.privateIpsOf(eniId));
  }

  public Optional<SimAttachment> attachmentOf(String eniId) {
    return direct(() -> world.attachmentOf(eniId));
  }

  public Optional<SimAssociation> associationOf(String allocationId) {
    return direct(() -> world.associationOf(allocationId));
  }

  /** Requests received per action, including failed, throttled and denied ones. */
  public Map<String, Integer> callCounts() {
    return journal.counts();
  }

  /** Attach, detach, associate, disassociate and stop requests received, dry runs not counted. */
  public int mutatingCallCount() {
    return journal.mutatingCount();
  }

  /** StopInstances requests naming the instance that EC2 carried out (dry runs and refusals not counted). */
  public int stopCount(String instanceId) {
    return (int) journal.requests().stream()
        .filter(r -> r.action().equals("StopInstances") && r.errorCode() == null)
        .filter(r -> r.params().entrySet().stream()
            .anyMatch(p -> p.getKey().startsWith("InstanceId.") && p.getValue().equals(instanceId)))
        .count();
  }

  /** Requests EC2's buckets or a throttling fault refused (RequestLimitExceeded), per action. */
  public Map<String, Integer> throttledCounts() {
    return journal.throttledCounts();
  }

  public List<SimRequest> requestLog() {
    return journal.requests();
  }

  public List<SimTransition> transitions() {
    return world.transitions();
  }

  /**
   * The most interfaces that were, at one time since {@code since}, between a detach request and the next
   * attach request: the services attached to nothing at once (an interface never attached again counts
   * to the end).
   */
  public int mostDetachedAtOnce(Instant since) {
    Map<String, Instant> detachedAt = new java.util.HashMap<>();
    List<Instant[]> intervals = new java.util.ArrayList<>();
    transitions().stream().filter(t -> !t.requestedAt().isBefore(since)).forEach(t -> {
      if (t.kind() == SimTransition.Kind.DETACH) {
        detachedAt.put(t.eniId(), t.requestedAt());
      } else if (detachedAt.containsKey(t.eniId())) {
        intervals.add(new Instant[] {detachedAt.remove(t.eniId()), t.requestedAt()});
      }
    });
    detachedAt.values().forEach(from -> intervals.add(new Instant[] {from, Instant.MAX}));
    int most = 0;
    for (Instant[] probe : intervals) {
      most = Math.max(most, (int) intervals.stream().filter(i -> !i[0].isAfter(probe[0]) && i[1].isAfter(probe[0])).count());
    }
    return most;
  }

  /** Clears the call counts and the request log; the world and its transitions are kept. */
  public void resetCounters() {
    journal.reset();
  }

  public Faults faults() {
    return faults;
  }

  // ---- HTTP ----

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Instant receivedAt = config.clock().instant();
      String requestId = UUID.randomUUID().toString();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      QueryParams params = QueryParams.parse(exchange.getRequestURI().getRawQuery(), body);
      String action = params.get("Action").orElse("");
      pause(faults.currentLatency());

      int status = 200;
      String errorCode = null;
      String response;
      try {
        response = respond(action, params, requestId);
      } catch (Ec2Error e) {
        status = e.httpStatus();
        errorCode = e.code();
        response = QueryResponses.error(requestId, e);
      } catch (RuntimeException e) {
        LOG.warn("EC2 simulator failed on {}", action, e);
        Ec2Error internal = Ec2Error.internalError();
        status = internal.httpStatus();
        errorCode = internal.code();
        response = QueryResponses.error(requestId, internal);
      }
      journal.record(new SimRequest(receivedAt, action, params.asMap(), status, errorCode));
      LOG.debug("{} {} -> {}{}", action, loggedParams(params), status, errorCode == null ? "" : " " + errorCode);
      send(exchange, status, requestId, response);
    } finally {
      exchange.close();
    }
  }

  private String respond(String action, QueryParams params, String requestId) {
    if (action.isEmpty()) {
      throw Ec2Error.missingAction();
    }
    Optional<Ec2Error> fault = faults.nextFault(action, params.asMap().values());
    if (fault.isPresent()) {
      throw fault.get();
    }
    if (config.ec2Buckets() && !buckets.admit(action, params)) {
      throw Ec2Error.requestLimitExceeded();
    }
    // As EC2: a dry run checks the permission only, and answers that the request would have succeeded.
    if (SimRequest.isDryRun(params.asMap())) {
      throw Ec2Error.dryRunOperation();
    }
    return actions.execute(action, params, requestId);
  }

  private static void send(HttpExchange exchange, int status, String requestId, String response)
      throws IOException {
    byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The request's parameters other than the protocol envelope, for the debug log. */
  private static Map<String, String> loggedParams(QueryParams params) {
    Map<String, String> logged = new LinkedHashMap<>(params.asMap());
    logged.remove("Action");
    logged.remove("Version");
    return logged;
  }

  private static void pause(Duration latency) {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs a direct (non-HTTP) world change, reporting a broken EC2 rule as an IllegalStateException. */
  private static <T> T direct(Supplier<T> change) {
    try {
      return change.get();
    } catch (Ec2Error e) {
      throw new IllegalStateException(e.code() + ": " + e.getMessage(), e);
    }
  }

  private static void direct(Runnable change) {
    direct(() -> {
      change.run();
      return null;
    });
  }

  // ---- manual use ----

  /**
   * Runs a simulator with a small example world until killed, for poking at with the AWS CLI:
   * {@code --port 4566} picks the port (default: a free one).
   */
  public static void main(String[] args) throws InterruptedException {
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else {
        System.err.println("usage: Ec2Simulator [--port N]");
        System.exit(2);
      }
    }
    Ec2Simulator simulator = start(SimulatorConfig.defaults().withPort(port));
    simulator.addInstance("i-0aaaaaaaaaaaaaaa1", "us-east-1a", "vpc-0example", "subnet-0example", SimInstanceState.RUNNING);
    simulator.addInstance("i-0bbbbbbbbbbbbbbb2", "us-east-1a", "vpc-0example", "subnet-0example", SimInstanceState.RUNNING);
    simulator.addNetworkInterface("eni-0ffffffffffffff01", "us-east-1a", "vpc-0example", "subnet-0example", "10.0.1.10");
    simulator.addAddress("eipalloc-0eeeeeeeeeeeeee01", "203.0.113.10");
    simulator.attachOutOfBand("eni-0ffffffffffffff01", "i-0aaaaaaaaaaaaaaa1", 1);
    simulator.associateOutOfBand("eipalloc-0eeeeeeeeeeeeee01", "eni-0ffffffffffffff01", "10.0.1.10");
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    System.out.println("EC2 simulator listening on " + simulator.endpoint());
    System.out.println("try: AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws --region us-east-1 --endpoint-url "
        + simulator.endpoint() + " ec2 describe-network-interfaces");
    new CountDownLatch(1).await();
  }
}
