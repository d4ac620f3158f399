package coop.izek.notification.messages;

/** How a message reaches someone. People choose among the first three; webhooks are organisations' own. */
public enum Channel {
    EMAIL, IN_APP, SMS, WEBHOOK
}
