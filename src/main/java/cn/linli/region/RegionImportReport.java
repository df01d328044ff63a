package cn.linli.region;

/** What an import did: new codes, renamed or re-parented codes, and codes already as given. */
public record RegionImportReport(String source, long inserted, long updated, long unchanged, long millis) {

	public long total() {
		return inserted + updated + unchanged;
	}
}
