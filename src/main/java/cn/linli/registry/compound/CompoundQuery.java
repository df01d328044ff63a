package cn.linli.registry.compound;

import cn.linli.registry.ServiceMode;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.RegionCode;

/** Filters of the compound list: any region code (any level), a name fragment, a service mode. */
public record CompoundQuery(String region, String q, ServiceMode serviceMode) {

	public CompoundQuery {
		region = region == null || region.isBlank() ? null : region.trim();
		if (region != null && !RegionCode.isValid(region)) {
			throw DomainException.invalid("region", "区划代码格式错误：应为2、4、6、9或12位数字");
		}
		q = q == null || q.isBlank() ? null : q.trim();
	}

	public static CompoundQuery all() {
		return new CompoundQuery(null, null, null);
	}
}
