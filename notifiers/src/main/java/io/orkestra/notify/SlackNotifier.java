package io.orkestra.notify;

import io.orkestra.core.ConditionNotice;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends condition notices ({@code notify:} blocks, spec §7) to Slack incoming webhooks, at most
 * once per throttle key and interval, created by {@link Notifiers#slack}. The throttle's send
 * times live in a {@link ThrottleStore}, read before the first notice and written in batches.
 */
public interface SlackNotifier extends AutoCloseable {

  /**
   * Sends each notice unless its {@link ConditionNotice#throttleKey()} was sent less than {@link
   * ConditionNotice#interval()} ago (by this notifier, or by any notifier sharing the store, as of
   * the last load).
   *
   * <p>One POST per sent notice to its {@code slackWebhookUrl} ({@code $NAME} or {@code ${NAME}}
   * read from {@link SlackOptions#environment()}), body {@code {"text": message, "attachments":
   * [{"color": "warning", "fields": [{"title": "Katalog", ...}, {"title": "Team", ...}]}]}}, within
   * {@link SlackOptions#timeout()}, not retried (the condition fires again on a later reconcile).
   *
   * <p>Emits one {@link NoticeDelivery} per notice, in completion order. Completes when {@code
   * notices} completes and every POST has its result. Errors only with an error of {@code
   * notices}; a store that cannot be read is logged and the throttle starts empty. The decision for one key is atomic: two
   * concurrent notices with one key send once.
   *
   * <p>Overflow: none; at most {@link SlackOptions#maxInFlight()} notices are requested and not
   * finished. Threads: results are emitted on Vert.x event loops (or the thread of the store's
   * load); keep downstream work non-blocking.
   *
   * @param notices the notices
   * @return one result per notice
   */
  Flux<NoticeDelivery> publish(Publisher<ConditionNotice> notices);

  /**
   * Writes the send times not yet saved to the store, in one {@link ThrottleStore#save}.
   *
   * @return completion once saved (immediately when nothing is pending)
   */
  Mono<Void> flush();

  /**
   * Flushes, then closes the HTTP client. Idempotent.
   *
   * @return completion
   */
  Mono<Void> stop();

  /** Blocking form of {@link #stop()}, waiting at most 15 s. Not on a non-blocking thread. */
  @Override
  void close();
}
