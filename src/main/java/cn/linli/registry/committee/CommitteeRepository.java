package cn.linli.registry.committee;

import org.springframework.data.repository.CrudRepository;

interface CommitteeRepository extends CrudRepository<OwnersCommittee, Long> {
}
