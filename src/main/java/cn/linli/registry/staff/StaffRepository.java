package cn.linli.registry.staff;

import org.springframework.data.repository.CrudRepository;

interface StaffRepository extends CrudRepository<Staff, Long> {
}
