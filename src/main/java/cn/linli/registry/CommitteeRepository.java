package cn.linli.registry;

import org.springframework.data.repository.CrudRepository;

interface CommitteeRepository extends CrudRepository<OwnersCommittee, Long> {
}
