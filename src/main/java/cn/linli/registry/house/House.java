package cn.linli.registry.house;

import java.util.HashSet;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.shared.domain.DomainException;

/** 房屋/专有部分 with its owners; co-owners have exactly one representative. */
@Table("house")
class House {

	@Id
	Long id;
	long buildingId;
	String unit;
	String number;
	long exclusiveAreaCenti;
	AreaSource areaSource;
	HouseKind kind;
	boolean developerHeld;
	String certificateNo;
	@Version
	Integer version;
	@MappedCollection(idColumn = "house_id")
	Set<Ownership> owners = new HashSet<>();

	@Table("house_owner")
	record Ownership(long ownerId, boolean representative) {
	}

	static House register(long buildingId, HouseDetails details) {
		var h = new House();
		h.buildingId = buildingId;
		h.apply(details);
		return h;
	}

	void revise(HouseDetails details, Integer expectedVersion) {
		if (expectedVersion != null && !expectedVersion.equals(version)) {
			throw DomainException.staleVersion();
		}
		apply(details);
	}

	private void apply(HouseDetails d) {
		unit = d.unit();
		number = d.number();
		exclusiveAreaCenti = d.exclusiveArea().centi();
		areaSource = d.areaSource();
		kind = d.kind();
		developerHeld = d.developerHeld();
		certificateNo = d.certificateNo();
	}

	/** Adds an owner; the first owner, or one named representative, represents the co-owners. */
	void addOwner(long ownerId, boolean representative) {
		owners.removeIf(o -> o.ownerId() == ownerId);
		boolean noneLeft = owners.stream().noneMatch(Ownership::representative);
		if (representative) {
			owners = new HashSet<>(owners.stream().map(o -> new Ownership(o.ownerId(), false)).toList());
		}
		owners.add(new Ownership(ownerId, representative || noneLeft));
	}

	void removeOwner(long ownerId) {
		boolean wasRepresentative = owners.removeIf(o -> o.ownerId() == ownerId && o.representative());
		owners.removeIf(o -> o.ownerId() == ownerId);
		if (wasRepresentative && !owners.isEmpty()) {
			var next = owners.stream().mapToLong(Ownership::ownerId).min().getAsLong();
			owners.removeIf(o -> o.ownerId() == next);
			owners.add(new Ownership(next, true));
		}
	}
}
