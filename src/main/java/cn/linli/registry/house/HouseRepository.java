package cn.linli.registry.house;

import org.springframework.data.repository.CrudRepository;

interface HouseRepository extends CrudRepository<House, Long> {
}
