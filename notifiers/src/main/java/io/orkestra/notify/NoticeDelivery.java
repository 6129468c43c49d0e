package io.orkestra.notify;

import io.orkestra.core.ConditionNotice;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SlackNotifier} did with one notice.
 *
 * @param notice the notice
 * @param status what happened
 * @param detail why it was skipped or failed (never the webhook URL, which is a secret), {@code
 *     null} when sent or throttled
 */
public record NoticeDelivery(ConditionNotice notice, Status status, @Nullable String detail) {

  /** Null checks. */
  public NoticeDelivery {
    Objects.requireNonNull(notice, "notice");
    Objects.requireNonNull(status, "status");
  }

  /** The outcome of one notice. */
  public enum Status {
    /** Slack answered 2xx; the throttle key's clock restarted. */
    SENT,
    /** The same throttle key was sent less than its interval ago; nothing was sent. */
    THROTTLED,
    /** No Slack URL (none configured, or its environment variable is unset); nothing was sent. */
    SKIPPED,
    /** The POST failed (non-2xx, timeout, connection error); the throttle clock did not move. */
    FAILED
  }
}
