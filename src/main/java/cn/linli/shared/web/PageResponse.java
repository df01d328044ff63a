package cn.linli.shared.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list, as the API and the pages show it. */
public record PageResponse<T>(List<T> content, int page, int size, long totalElements) {

	public long totalPages() {
		return (totalElements + size - 1) / Math.max(1, size);
	}

	public boolean hasNext() {
		return (long) (page + 1) * size < totalElements;
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	public <R> PageResponse<R> map(Function<T, R> f) {
		return new PageResponse<>(content.stream().map(f).toList(), page, size, totalElements);
	}
}
