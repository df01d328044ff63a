package cn.linli.shared.web;

import cn.linli.shared.domain.DomainException;

/** Validated paging parameters. */
public record PageRequest(int page, int size) {

	public PageRequest {
		if (page < 0 || size < 1 || size > 500) {
			throw DomainException.invalid("size", "分页参数错误：page ≥ 0，size 为 1–500");
		}
	}

	public long offset() {
		return (long) page * size;
	}
}
