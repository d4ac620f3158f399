package coop.izek.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every event type has contract samples, and each sample has exactly the fields of the type's payload record. */
class ContractSamplesTest {

    static Stream<EventType<?>> eventTypes() throws IllegalAccessException {
        var types = new ArrayList<EventType<?>>();
        for (var holder : List.of(MembershipEvents.class, WorkshopEvents.class, ProjectEvents.class, NotificationEvents.class)) {
            for (var field : holder.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == EventType.class) {
                    types.add((EventType<?>) field.get(null));
                }
            }
        }
        return types.stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void shouldHaveSamplesWithExactlyThePayloadsFields(EventType<?> type) throws Exception {
        var folder = Path.of("src/main/resources/contracts", type.name());
        assertThat(folder).as("contract samples of %s", type.name()).isDirectory();
        try (var samples = Files.list(folder)) {
            var files = samples.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(files).isNotEmpty();
            for (var file : files) {
                var sample = JsonMapper.builder().build().readTree(Files.readString(file));
                assertFields(type.payloadType(), sample, file.getFileName() + ": $");
            }
        }
    }

    private static void assertFields(Type type, JsonNode sample, String path) {
        var raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        if (List.class.isAssignableFrom(raw) && sample.isArray() && type instanceof ParameterizedType list) {
            for (var element : sample) {
                assertFields(list.getActualTypeArguments()[0], element, path + "[]");
            }
        } else if (raw.isRecord() && sample.isObject()) {
            var components = Arrays.stream(raw.getRecordComponents()).map(RecordComponent::getName).toList();
            assertThat(sample.propertyNames()).as(path).containsExactlyInAnyOrderElementsOf(components);
            for (var component : raw.getRecordComponents()) {
                assertFields(component.getGenericType(), sample.get(component.getName()), path + "." + component.getName());
            }
        }
    }
}
