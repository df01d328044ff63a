package cn.linli.registry.house;

import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

interface OwnerRepository extends CrudRepository<Owner, Long> {

	Optional<Owner> findByIdHash(String idHash);
}
