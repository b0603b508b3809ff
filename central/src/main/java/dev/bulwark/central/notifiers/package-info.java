/**
 * Notifiers: where alert events are sent (Slack, Teams, Jira, PagerDuty, webhooks, email, Splunk,
 * syslog), their API, and the durable queue that delivers each event once per notifier with
 * retries. Events arrive through {@link dev.bulwark.central.alerts.AlertEventListener} inside the
 * transaction that changed the alerts; {@link NotificationDispatcher} sends them later, on one
 * replica at a time.
 */
@NullMarked
package dev.bulwark.central.notifiers;

import org.jspecify.annotations.NullMarked;
