package cn.linli.registry;

import org.springframework.data.repository.CrudRepository;

interface StaffRepository extends CrudRepository<Staff, Long> {
}
