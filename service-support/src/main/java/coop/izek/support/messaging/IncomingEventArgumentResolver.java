package coop.izek.support.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.MethodParameter;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

import tools.jackson.databind.json.JsonMapper;

/** Lets {@code @KafkaListener} methods take an {@link IncomingEvent}, built from the raw record. */
class IncomingEventArgumentResolver implements HandlerMethodArgumentResolver {

    private final JsonMapper json;

    IncomingEventArgumentResolver(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == IncomingEvent.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        if (!(message.getHeaders().get(KafkaHeaders.RAW_DATA) instanceof ConsumerRecord<?, ?> record)) {
            throw new IllegalStateException("The listener container does not expose raw records");
        }
        return IncomingEvent.from(record, json);
    }
}
