package cn.linli.registry.compound;

import org.springframework.data.repository.CrudRepository;

interface CompoundRepository extends CrudRepository<Compound, Long> {
}
