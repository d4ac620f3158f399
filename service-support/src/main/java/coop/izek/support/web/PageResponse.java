package coop.izek.support.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list, as CONTRACT.md shapes lists: {@code {items, page, size, total}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    /** The most a caller may ask for in one page. */
    public static final int MAX_SIZE = 100;

    public <R> PageResponse<R> map(Function<T, R> mapper) {
        return new PageResponse<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
