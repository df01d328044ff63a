package cn.linli.registry;

import org.springframework.data.repository.CrudRepository;

interface ContractRepository extends CrudRepository<ServiceContract, Long> {
}
