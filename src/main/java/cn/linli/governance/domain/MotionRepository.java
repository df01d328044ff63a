package cn.linli.governance;

import org.springframework.data.repository.CrudRepository;

interface MotionRepository extends CrudRepository<Motion, Long> {
}
