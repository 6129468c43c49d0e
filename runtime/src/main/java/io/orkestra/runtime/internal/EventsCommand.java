package io.orkestra.runtime.internal;

import io.orkestra.notify.Notifiers;
import io.orkestra.notify.TailOptions;
import io.orkestra.runtime.RunConfig;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;

/** {@code ork events}: subscribe to reconciliation events. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "Work with reconciliation events on Kafka.",
    subcommands = {EventsCommand.Tail.class})
public final class EventsCommand implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code ork events tail}. */
  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = "Print reconciliation events from a Kafka topic as they arrive.")
  public static final class Tail implements Callable<Integer> {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrapServer;

    @Option(names = "--topic", defaultValue = RunConfig.DEFAULT_TOPIC, description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from-beginning", description = "Start with the oldest event on the topic instead of new ones.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", defaultValue = "0", description = "Exit after N events (0: never).")
    long max;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Exit 1 if --max events did not arrive within DURATION.")
    String timeout;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json",
        description = "text (one line per event) or json (the CloudEvent); default: text on a terminal, json otherwise.")
    @org.jspecify.annotations.Nullable String output;

    @Option(names = "--group", paramLabel = "ID",
        description = "Consumer group: offsets are committed, so a later tail with the same group resumes where this one stopped (default: a new group each time).")
    @org.jspecify.annotations.Nullable String group;

    @Option(names = "--crd", paramLabel = "KIND|NAME",
        description = "Only events of this kind (WebApp) or CRD entry name (webapp); repeatable.")
    java.util.List<String> crds = new java.util.ArrayList<>();

    @Option(names = "--outcome", paramLabel = "succeeded|failed|deleted",
        description = "Only events with this outcome; repeatable.")
    java.util.List<String> outcomes = new java.util.ArrayList<>();

    @Option(names = "--since", paramLabel = "DURATION",
        description = "Only events of the last DURATION (e.g. 10m); reads the topic from the beginning when the group has no offsets.")
    @org.jspecify.annotations.Nullable String since;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      EventFormat format = EventFormat.parse(
          output != null ? output : System.console() != null ? "text" : "json");
      java.time.Instant notBefore = since == null ? null
          : java.time.Instant.now().minus(Durations.parse(since, "--since"));
      EventFilter filter = EventFilter.of(crds, outcomes, notBefore);
      Vertx vertx = Vertx.vertx();
      try {
        Flux<io.orkestra.notify.TailedEvent> events = Notifiers.tail(vertx, TailOptions.defaults()
            .withBootstrapServers(bootstrapServer)
            .withTopic(topic)
            .withGroupId(group)
            .withFromBeginning(fromBeginning || since != null))
            .filter(filter::test);
        if (max > 0) {
          events = events.take(max);
        }
        Flux<io.orkestra.notify.TailedEvent> printed = events.doOnNext(e -> {
          out.println(format.render(e));
          out.flush();
        });
        if (timeout != null) {
          printed = printed.timeout(Durations.parse(timeout, "--timeout"));
        }
        printed.blockLast();
        return 0;
      } finally {
        // wait for the consumer to close: a named group's last commits go out before it does
        vertx.close().toCompletionStage().toCompletableFuture()
            .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
            .exceptionally(e -> null).join();
      }
    }
  }
}
