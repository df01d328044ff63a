package cn.linli.registry.house;

import org.springframework.data.repository.CrudRepository;

interface BuildingRepository extends CrudRepository<Building, Long> {
}
