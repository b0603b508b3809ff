package dev.bulwark.central.notifiers.channel;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The channel of every {@link NotifierType}. Thread-safe. */
public final class Channels {
  private final Map<NotifierType, Channel> channels = new EnumMap<>(NotifierType.class);

  /**
   * @param clock for the Date of emails
   * @param hostname the syslog HOSTNAME: the name of the host central runs on
   */
  public Channels(Clock clock, String hostname) {
    for (NotifierType type : NotifierType.values()) {
      channels.put(
          type,
          switch (type) {
            case SLACK -> new SlackChannel();
            case TEAMS -> new TeamsChannel();
            case JIRA -> new JiraChannel();
            case PAGERDUTY -> new PagerDutyChannel();
            case WEBHOOK -> new WebhookChannel();
            case EMAIL -> new EmailChannel(clock);
            case SPLUNK -> new SplunkChannel();
            case SYSLOG -> new SyslogChannel(hostname);
          });
    }
  }

  public Channel of(NotifierType type) {
    return Objects.requireNonNull(channels.get(type));
  }
}
