package io.orkestra.watch.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.orkestra.core.Leadership;
import io.orkestra.watch.LeaderElectionOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Campaigns for a Lease with fabric8's {@link LeaderElector} and mirrors the result into a {@link
 * Leadership}: acquired when this replica starts leading, released when it stops. After losing the
 * lease (another replica took it, or renewing failed) it campaigns again; disposing stops the
 * campaign and gives the lease up at once when held, so a follower takes over without waiting for
 * the lease to expire.
 *
 * <p>Threads: fabric8's elector makes blocking API calls; they run on one dedicated daemon thread
 * owned by this object, never on Reactor or Vert.x threads.
 */
public final class LeaseCampaign implements Disposable {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseCampaign.class);

  private final KubernetesClient client;
  private final LeaderElectionOptions options;
  private final Leadership leadership;
  private final ExecutorService executor;
  private final AtomicReference<@Nullable CompletableFuture<?>> running = new AtomicReference<>();
  private volatile boolean disposed;

  private LeaseCampaign(KubernetesClient client, LeaderElectionOptions options,
      Leadership leadership) {
    this.client = client;
    this.options = options;
    this.leadership = leadership;
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "orkestra-leader-election");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts campaigning.
   *
   * @param client the client
   * @param options lease and timings
   * @param leadership acquired and released as the lease is won and lost
   * @return the running campaign; dispose it to stop
   */
  public static LeaseCampaign start(KubernetesClient client, LeaderElectionOptions options,
      Leadership leadership) {
    LeaseCampaign campaign = new LeaseCampaign(client, options, leadership);
    campaign.executor.execute(campaign::campaign);
    return campaign;
  }

  private void campaign() {
    if (disposed) {
      return;
    }
    LeaderElectionConfig config = new LeaderElectionConfig(
        new LeaseLock(options.namespace(), options.leaseName(), options.identity()),
        options.leaseDuration(),
        options.renewDeadline(),
        options.retryPeriod(),
        new LeaderCallbacks(
            () -> {
              LOG.info("leading as {} (Lease {}/{})", options.identity(), options.namespace(),
                  options.leaseName());
              leadership.acquire();
            },
            () -> {
              LOG.info("{} stopped leading (Lease {}/{}); reconciles pause", options.identity(),
                  options.namespace(), options.leaseName());
              leadership.release();
            },
            leader -> LOG.info("leader of Lease {}/{} is {}", options.namespace(),
                options.leaseName(), leader)),
        true,
        options.leaseName());
    CompletableFuture<?> future = new LeaderElector(client, config, executor).start();
    running.set(future);
    future.whenComplete((ok, error) -> {
      leadership.release();
      if (disposed) {
        return;
      }
      if (error != null && !(error instanceof java.util.concurrent.CancellationException)) {
        LOG.warn("leader election for Lease {}/{} failed: {}; trying again", options.namespace(),
            options.leaseName(), error.getMessage());
      }
      // lost the lease, or the election stopped with an error: campaign again after a retry period
      CompletableFuture.delayedExecutor(options.retryPeriod().toMillis(), TimeUnit.MILLISECONDS,
          executor).execute(this::campaign);
    });
  }

  @Override
  public void dispose() {
    disposed = true;
    CompletableFuture<?> future = running.getAndSet(null);
    if (future != null) {
      future.cancel(true); // releaseOnCancel: the lease is given up when held
    }
    leadership.release();
    executor.shutdown();
  }

  /**
   * Stops like a killed process would: no more renewals, and the lease is not given up, so other
   * replicas take over only once it expires. For failover tests.
   */
  public void halt() {
    disposed = true;
    executor.shutdownNow();
  }

  @Override
  public boolean isDisposed() {
    return disposed;
  }
}
