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

	/** One page of a list that is small and complete in memory (a compound's buildings, its committees). */
	public static <T> PageResponse<T> slice(List<T> all, PageRequest page) {
		int from = (int) Math.min(all.size(), page.offset());
		int to = (int) Math.min(all.size(), page.offset() + page.size());
		return new PageResponse<>(List.copyOf(all.subList(from, to)), page.page(), page.size(), all.size());
	}

	public <R> PageResponse<R> map(Function<T, R> f) {
		return new PageResponse<>(content.stream().map(f).toList(), page, size, totalElements);
	}
}
