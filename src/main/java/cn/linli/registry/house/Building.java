package cn.linli.registry.house;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.shared.domain.DomainException;

/** 楼栋. */
@Table("building")
class Building {

	@Id
	Long id;
	long compoundId;
	String name;
	Integer floors;
	@Version
	Integer version;

	static Building of(long compoundId, String name, Integer floors) {
		if (name == null || name.isBlank() || name.length() > 50) {
			throw DomainException.invalid("name", "楼栋名称必填，且不超过50字");
		}
		if (floors != null && (floors < 1 || floors > 200)) {
			throw DomainException.invalid("floors", "楼层数应为 1–200");
		}
		var b = new Building();
		b.compoundId = compoundId;
		b.name = name.trim();
		b.floors = floors;
		return b;
	}
}
