package cn.linli.registry;

import org.springframework.data.repository.CrudRepository;

interface HouseRepository extends CrudRepository<House, Long> {
}
