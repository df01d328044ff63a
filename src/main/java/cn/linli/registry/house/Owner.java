package cn.linli.registry.house;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.registry.domain.PersonalDataHasher;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.IdNumber;
import cn.linli.shared.domain.PhoneNumber;

/** 业主: a person, known by the keyed hash of the ID number. */
@Table("owner")
class Owner {

	@Id
	Long id;
	String name;
	String phone;
	String idHash;
	String idTailHash;
	String idMasked;
	@Version
	Integer version;

	static Owner of(String name, PhoneNumber phone, IdNumber idNumber, PersonalDataHasher hasher) {
		if (name == null || name.isBlank() || name.length() > 50) {
			throw DomainException.invalid("name", "业主姓名必填，且不超过50字");
		}
		var o = new Owner();
		o.name = name.trim();
		o.phone = phone == null ? null : phone.value();
		o.idHash = hasher.idHash(idNumber);
		o.idTailHash = hasher.idTailHash(idNumber.tail());
		o.idMasked = idNumber.masked();
		return o;
	}
}
