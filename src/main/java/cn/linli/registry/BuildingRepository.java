package cn.linli.registry;

import org.springframework.data.repository.CrudRepository;

interface BuildingRepository extends CrudRepository<Building, Long> {
}
