package cn.linli.region;

import cn.linli.shared.audit.DomainEvent;

public record RegionsImported(RegionImportReport report) implements DomainEvent {

	@Override
	public String action() {
		return "region.imported";
	}

	@Override
	public String subjectType() {
		return "region";
	}

	@Override
	public String subjectId() {
		return null;
	}

	@Override
	public String summary() {
		return report.source() + ": " + report.inserted() + " new, " + report.updated() + " updated, " + report.unchanged()
				+ " unchanged";
	}
}
