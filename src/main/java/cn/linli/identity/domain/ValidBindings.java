package cn.linli.identity.domain;

/**
 * A binding counts only while it is still true: an owner's while the registry still lists that
 * owner for the house; a tenant's while the owner who invited them still holds such a binding.
 * Selling a house or removing an owner therefore ends the access at once, without a clean-up job.
 * Public only because the module's sub-packages build their queries on it.
 */
public final class ValidBindings {

	/** SQL condition on {@code rb} (a resident_binding row). */
	public static final String CONDITION = """
			((rb.relation = 'OWNER' and exists (select 1 from house_owner ho where ho.house_id = rb.house_id and ho.owner_id = rb.owner_id))
			 or (rb.relation = 'TENANT' and exists (select 1 from resident_binding ob
			      join house_owner oho on oho.house_id = ob.house_id and oho.owner_id = ob.owner_id
			      where ob.user_id = rb.invited_by and ob.house_id = rb.house_id and ob.relation = 'OWNER')))""";

	private ValidBindings() {
	}
}
