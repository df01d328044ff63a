package cn.linli.registry.contract;

import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.shared.domain.DomainException;

/** 物业服务合同: a company serves a compound from a start to an end date. */
@Table("service_contract")
class ServiceContract {

	@Id
	Long id;
	long compoundId;
	long companyId;
	LocalDate startsOn;
	LocalDate endsOn;
	Long feeFen;
	@Version
	Integer version;

	static ServiceContract sign(long compoundId, long companyId, LocalDate startsOn, LocalDate endsOn, Long feeFen) {
		if (startsOn == null || endsOn == null || endsOn.isBefore(startsOn)) {
			throw DomainException.invalid("endsOn", "合同止期不能早于起期");
		}
		if (feeFen != null && feeFen < 0) {
			throw DomainException.invalid("feeFen", "物业费不能为负数");
		}
		var c = new ServiceContract();
		c.compoundId = compoundId;
		c.companyId = companyId;
		c.startsOn = startsOn;
		c.endsOn = endsOn;
		c.feeFen = feeFen;
		return c;
	}

	/** Ends the contract early (解聘/退出): it stays on record until the given day. */
	void terminate(LocalDate lastDay, Integer expectedVersion) {
		if (expectedVersion != null && !expectedVersion.equals(version)) {
			throw DomainException.staleVersion();
		}
		if (lastDay.isBefore(startsOn) || lastDay.isAfter(endsOn)) {
			throw DomainException.invalid("endsOn", "终止日期应在合同期内");
		}
		endsOn = lastDay;
	}
}
