package cn.linli.governance.domain;

import org.springframework.data.repository.CrudRepository;

public interface MotionRepository extends CrudRepository<Motion, Long> {
}
