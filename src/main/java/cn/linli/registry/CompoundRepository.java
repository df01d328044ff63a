package cn.linli.registry;

import org.springframework.data.repository.CrudRepository;

interface CompoundRepository extends CrudRepository<Compound, Long> {
}
