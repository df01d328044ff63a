package cn.linli.identity.domain;

import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

/** Internal to the identity module; public only because its sub-packages use it. */
public interface UserRepository extends CrudRepository<UserAccount, Long> {

	Optional<UserAccount> findByUsername(String username);

	Optional<UserAccount> findByPhone(String phone);

	/** The login given to a staff record, the working one first. */
	Optional<UserAccount> findFirstByStaffIdOrderByEnabledDescIdDesc(long staffId);
}
