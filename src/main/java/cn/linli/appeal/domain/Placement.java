package cn.linli.appeal.domain;

/** Where an appeal belongs and who answers it: the company under contract, or the community when there is none. */
public record Placement(long compoundId, String communityCode, Long buildingId, Long houseId, Long companyId) {
}
