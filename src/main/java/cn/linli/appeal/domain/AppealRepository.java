package cn.linli.appeal.domain;

import org.springframework.data.repository.CrudRepository;

public interface AppealRepository extends CrudRepository<Appeal, Long> {
}
