package cn.linli.appeal;

import org.springframework.data.repository.CrudRepository;

interface AppealRepository extends CrudRepository<Appeal, Long> {
}
