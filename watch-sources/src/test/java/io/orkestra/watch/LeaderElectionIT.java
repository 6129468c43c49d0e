package io.orkestra.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orkestra.core.Leadership;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** Two replicas campaigning for one Lease on the in-process API server. */
class LeaderElectionIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private MockApi api;
  private final List<Disposable> campaigns = new CopyOnWriteArrayList<>();
  private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startApi() {
    api = MockApi.start();
  }

  @AfterEach
  void stop() {
    campaigns.forEach(Disposable::dispose);
    clients.forEach(KubernetesClient::close);
    api.close();
  }

  @AfterAll
  static void noBlockingCallsFromOurCode() {
    BlockingCalls.assertNoneFromOurCode();
  }

  private static LeaderElectionOptions options(String identity) {
    return LeaderElectionOptions.of("orkestra-test", "default", identity)
        .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250));
  }

  private Leadership campaign(KubernetesClient client, String identity) {
    Leadership leadership = Leadership.awaiting();
    campaigns.add(KubernetesWatchSources.create(client, WatchOptions.defaults())
        .campaign(options(identity), leadership));
    return leadership;
  }

  private String holder() {
    Lease lease = api.client().leases().inNamespace("default").withName("orkestra-test").get();
    return lease == null ? "" : lease.getSpec().getHolderIdentity();
  }

  @Test
  void oneReplicaLeadsAndTheOtherTakesOverWhenItStopsCleanly() {
    Leadership a = campaign(api.client(), "replica-a");
    await().atMost(WAIT).until(a::isLeader);
    Leadership b = campaign(api.newClientTracked(clients), "replica-b");
    // b keeps trying for several retry periods without winning
    await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> !b.isLeader() && a.isLeader());
    assertThat(holder()).isEqualTo("replica-a");

    campaigns.get(0).dispose(); // a stops: it gives the lease up
    assertThat(a.isLeader()).isFalse();
    await().atMost(WAIT).until(b::isLeader);
    assertThat(holder()).isEqualTo("replica-b");
  }

  @Test
  void aFollowerTakesOverWhenTheLeaderStopsRenewingWithoutGivingUp() {
    Leadership a = campaign(api.newClientTracked(clients), "replica-a");
    await().atMost(WAIT).until(a::isLeader);
    Leadership b = campaign(api.client(), "replica-b");
    await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> !b.isLeader());

    // a dies: no more renewals and the lease is not given up
    ((io.orkestra.watch.internal.LeaseCampaign) campaigns.get(0)).halt();
    long halted = System.nanoTime();
    await().atMost(WAIT).until(b::isLeader); // b takes over once the lease expired
    assertThat(Duration.ofNanos(System.nanoTime() - halted))
        .as("not before the 3 s lease ran out").isGreaterThan(Duration.ofMillis(1500));
    assertThat(holder()).isEqualTo("replica-b");
  }
}
